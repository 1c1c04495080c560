"""The budget-meeting pack: one customer's care plan as PDF, XLSX or printable HTML, in Finnish
(`pack.build_pack`), read through any reader of `dashboard.data.reader`."""
