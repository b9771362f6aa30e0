"""Reliability suite: killed processes, pulled cards, full disks, racing writers, bad input, bit rot."""
