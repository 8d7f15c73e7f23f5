"""A synthetic Party for benchmarks: the tree before and after 2025, member files and ten years of events."""
