"""Resources and proxy of the Shared File Systems v2 API."""
