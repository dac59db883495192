from cardscan.cli import main_entry

main_entry()
