from ska.cli import run

run()
