"""综治工作台 (Town Centre Workbench): desktop client for a town integrated governance centre."""

__version__ = "0.1.0"
APP_NAME = "TownCentre"
