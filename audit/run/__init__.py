"""Files in, results out: expanding paths and manifests, the worker pool with its time limit,
progress, and baselines."""
