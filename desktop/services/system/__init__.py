"""The town's own settings: town profile, settings, the audit log, reference data, figures."""
