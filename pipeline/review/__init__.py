"""Analysts' review: the corrections file, recording a correction, the review web app."""
