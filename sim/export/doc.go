// Package export writes a recorded run as `neurotutor sim run` prints it:
// one JSON object, or CSV of the recorded series with a header row. The
// CLI and the lab's export key share it, so a file saved from the lab reads
// exactly like the command-line output.
package export
