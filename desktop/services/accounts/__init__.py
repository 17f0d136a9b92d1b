"""Accounts: login, passwords, users, roles and permissions."""
