"""French tax receipts: numbering, issue, revision and their PDF documents."""
