"""Click commands, one module per command group. Each command parses options, calls one
library function, formats the result and chooses the exit code. Nothing here may import
pandas at module level: ``rlwcheck --help`` must start fast."""
