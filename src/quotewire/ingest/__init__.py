"""Reading input: sources (files, JSONL, pages, crawls) into units, decoding, and the header (byline, dateline, date) of each text."""
