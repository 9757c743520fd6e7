from rlwcheck.cli import main

main()
