package lessons_test

// The numbers the chaos lesson quotes, reproduced by the same runs as
// `neurotutor sim run chaos --seed 1 --set train_s=0 …`.
func init() {
	const (
		lyap, varX = "lyapunov", "var_x"
		solo       = "train_s=10"
	)
	tryItNumbers = append(tryItNumbers,
		quoted{"chaos", "After 10 s, λ_max ≈ 2.8 1/s and ⟨x²⟩ ≈ 0.71", "", 10000, lyap, 2.8, 0.15},
		quoted{"chaos", "After 10 s, λ_max ≈ 2.8 1/s and ⟨x²⟩ ≈ 0.71", "", 10000, varX, 0.71, 0.01},
		quoted{"chaos", "against the theory's 0.75", "", 10000, "var_dmft", 0.75, 0.005},
		quoted{"chaos", "λ_max ≈ −12.4 1/s, the decay rate", "g=0.9", 10000, lyap, -12.4, 0.1},
		quoted{"chaos", "Set g = 2: ⟨x²⟩ ≈ 1.92, exactly the theory's value", "g=2", 10000, varX, 1.92, 0.01},
		quoted{"chaos", "Set g = 2: ⟨x²⟩ ≈ 1.92, exactly the theory's value", "g=2", 10000, "var_dmft", 1.92, 0.01},
		quoted{"chaos", "λ_max ≈ 8.4 1/s. At g = 3, λ_max ≈ 18 1/s", "g=2", 10000, lyap, 8.4, 0.2},
		quoted{"chaos", "λ_max ≈ 8.4 1/s. At g = 3, λ_max ≈ 18 1/s", "g=3", 10000, lyap, 18, 0.5},
		quoted{"chaos", "(⟨x²⟩ ≈ 0.08, theory 0.11), and λ_max ≈ 0", "g=1.1", 10000, varX, 0.08, 0.005},
		quoted{"chaos", "(⟨x²⟩ ≈ 0.08, theory 0.11), and λ_max ≈ 0", "g=1.1", 10000, "var_dmft", 0.11, 0.005},
		quoted{"chaos", "(⟨x²⟩ ≈ 0.08, theory 0.11), and λ_max ≈ 0", "g=1.1", 10000, lyap, 0, 0.2},
		quoted{"chaos", "error ≈ 0.018 over the first second", solo, 1000, "error", 0.018, 0.002},
		quoted{"chaos", "the error stays ≈ 0.006, still after 50 s on its own", solo, 20000, "error", 0.006, 0.001},
		quoted{"chaos", "the error stays ≈ 0.006, still after 50 s on its own", solo, 60000, "error", 0.006, 0.001},
		quoted{"chaos", "λ_max hovers near 0", solo, 20000, lyap, 0, 0.5},
		quoted{"chaos", "λ_max ≈ 4.2 1/s during learning", solo + " amp=0.1", 10000, lyap, 4.2, 0.2},
		quoted{"chaos", "the error is ≈ 1.7, worse than silence", solo + " amp=0.1", 15000, "error", 1.7, 0.05},
		quoted{"chaos", "the error 5 s after learning is ≈ 1.9", solo + " g=2.2", 15000, "error", 1.9, 0.05},
		quoted{"chaos", "error is ≈ 0.018 at the end of learning", solo + " alpha=100", 10000, "error", 0.018, 0.002},
		quoted{"chaos", "≈ 0.04 10 s later", solo + " alpha=100", 20000, "error", 0.04, 0.003},
	)
}
