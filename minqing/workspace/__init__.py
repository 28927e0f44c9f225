"""Workspaces: one view over many records repositories (a township's villages, a county's townships)."""
