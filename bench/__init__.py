"""`python -m bench`: speed and memory of the bot, side by side with LangChain's FAISS pipeline.

Files: `run.py` (what is measured, for which corpus; writes results/), `proc.py` (a fresh
subprocess per measurement, its wall time and peak RSS), `worker.py` (what runs inside those
subprocesses), `synthetic.py` (the 100k / 1M chunk scaling points), `report.py` (table and chart).
Not part of the test suite; see README "Benchmarks".
"""
