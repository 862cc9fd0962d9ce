"""Slot planning and the worker's scheduled jobs."""
