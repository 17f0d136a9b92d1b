"""The person registry (一次采集、多次使用)."""
