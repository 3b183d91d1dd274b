// Package linalg holds the dense linear algebra the models need and the
// standard library lacks: the eigenvalues of a general real matrix
// (Householder reduction to Hessenberg form, then Francis double-shift QR)
// and recursive least squares, the online ridge regression behind FORCE
// learning. Matrices are row-major []float64; nothing here allocates after
// construction.
package linalg
