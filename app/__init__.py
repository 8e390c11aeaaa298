"""Community Desk: one local inbox for a shop's social-media mentions."""

__version__ = "0.1.0"
APP_NAME = "Community Desk"
APP_ID = "community-desk"

