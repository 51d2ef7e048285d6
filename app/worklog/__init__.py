"""The work log 工作日志 and the agents' weekly and monthly summaries."""
