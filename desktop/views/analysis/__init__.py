"""统计分析: the dashboard page and its charts."""
