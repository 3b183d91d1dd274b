package lessons_test

// The sparse-coding lesson's quoted numbers. Each run starts from a random
// dictionary at the lab's seed; recon_err and active are averages over the
// last 1000 patches and gabor_frac is the fit at the last multiple of 1000
// patches, so the tolerances cover only the quote's rounding.
func init() {
	tryItNumbers = append(tryItNumbers,
		quoted{"sparse", "At 5000 patches 0.38 of the elements are Gabor-like", "", 5000, "gabor_frac", 0.38, 0.006},
		quoted{"sparse", "at 10 000 0.78, and at 16 000 0.92", "", 10000, "gabor_frac", 0.78, 0.006},
		quoted{"sparse", "at 10 000 0.78, and at 16 000 0.92", "", 16000, "gabor_frac", 0.92, 0.006},
		quoted{"sparse", "(recon_err 0.099, active 16.2)", "", 16000, "recon_err", 0.099, 0.0005},
		quoted{"sparse", "(recon_err 0.099, active 16.2)", "", 16000, "active", 16.2, 0.05},
		quoted{"sparse", "Gabor-like 0.016 (one element) at 5000 patches", "image=noise", 5000, "gabor_frac", 1.0 / 64, 1e-9},
		quoted{"sparse", "needs 25 active elements and still misses 14%", "image=noise", 5000, "active", 25, 0.5},
		quoted{"sparse", "needs 25 active elements and still misses 14%", "image=noise", 5000, "recon_err", 0.14, 0.005},
		quoted{"sparse", "All 64 elements are active for every patch", "lambda=0", 5000, "active", 64, 0},
		quoted{"sparse", "recon_err is 0.0002 by 5000 patches", "lambda=0", 5000, "recon_err", 0.0002, 0.00005},
		quoted{"sparse", "random (Gabor-like 0)", "lambda=0", 5000, "gabor_frac", 0, 0},
		quoted{"sparse", "after 10 000 patches 11 active, recon_err 0.18", "lambda=1", 10000, "active", 11, 0.5},
		quoted{"sparse", "after 10 000 patches 11 active, recon_err 0.18", "lambda=1", 10000, "recon_err", 0.18, 0.005},
		quoted{"sparse", "At λ = 2: 5.4 active and 0.39", "lambda=2", 10000, "active", 5.4, 0.05},
		quoted{"sparse", "At λ = 2: 5.4 active and 0.39", "lambda=2", 10000, "recon_err", 0.39, 0.005},
		quoted{"sparse", "14.3 active with recon_err 0.099", "iters=100", 10000, "active", 14.3, 0.05},
		quoted{"sparse", "14.3 active with recon_err 0.099", "iters=100", 10000, "recon_err", 0.099, 0.0005},
		quoted{"sparse", "against 17.2 and 0.103 with 20 iterations", "", 10000, "active", 17.2, 0.05},
		quoted{"sparse", "against 17.2 and 0.103 with 20 iterations", "", 10000, "recon_err", 0.103, 0.0005},
		quoted{"sparse", "42 active and recon_err 0.42", "iters=1", 10000, "active", 42, 0.5},
		quoted{"sparse", "42 active and recon_err 0.42", "iters=1", 10000, "recon_err", 0.42, 0.005},
		quoted{"sparse", "only 0.16 of the elements are Gabor-like after 10 000 patches", "eta=0.05", 10000, "gabor_frac", 0.16, 0.006},
		quoted{"sparse", "only 0.36 of the 128 elements are Gabor-like", "ratio=2", 10000, "gabor_frac", 0.36, 0.006},
		quoted{"sparse", "misses just 8.9% of the variance", "ratio=2", 10000, "recon_err", 0.089, 0.0005},
	)
}
