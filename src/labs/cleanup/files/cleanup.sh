# Your cleanup of Part 3, one command a line, if you want to keep it: run it with `bash cleanup.sh`.
# Typing the commands in the terminal works just as well; the checks look at the cluster, not at this file.
