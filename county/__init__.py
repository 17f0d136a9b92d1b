"""The county hub (县级中心): an HTTP service speaking the sync protocol of shared/SYNC.md."""
