"""统计分析: the dashboard's figures (desktop.services.analysis.dashboard)."""
