from warehouse.cli import app

app(prog_name="asiakastieto")
