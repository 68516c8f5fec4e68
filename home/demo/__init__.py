"""Demo content for `manage.py load_demo`: French texts with their English translation, generated
images, and the helpers that build pages, translations and editorial permissions from them."""
