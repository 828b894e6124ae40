"""The corpus: archives extracted in parallel into a store, and the questions asked of it."""
