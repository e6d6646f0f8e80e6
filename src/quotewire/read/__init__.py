"""Reading published datasets: the pandas API, diffs between versions, reports and the data dictionary."""
