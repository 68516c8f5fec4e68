"""The person's rights over their data: access and portability, erasure with legal holds,
retention."""
