"""The Mécénat team's tools: pledges from partners, the dashboard's figures and its charts."""
