"""Use cases called by the entry points (CLI, web, worker). Entry points never touch tables."""
