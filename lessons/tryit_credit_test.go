package lessons_test

// The credit lesson's quoted numbers: accuracies over the last 1000
// examples (the bars), in %, rounded as quoted; the angles in degrees.
func init() {
	tryItNumbers = append(tryItNumbers,
		quoted{"credit", "At 2,000 examples BP is at 87% and FA at 87%, but NP only at 45%", "", 2000, "bp_avg", 87, 0.5},
		quoted{"credit", "At 2,000 examples BP is at 87% and FA at 87%, but NP only at 45%", "", 2000, "fa_avg", 87, 0.5},
		quoted{"credit", "At 2,000 examples BP is at 87% and FA at 87%, but NP only at 45%", "", 2000, "np_avg", 45, 0.5},
		quoted{"credit", "By 20,000 examples BP reaches 92.5%, FA 94.6% and NP 90.4%", "", 20000, "bp_avg", 92.5, 0.05},
		quoted{"credit", "By 20,000 examples BP reaches 92.5%, FA 94.6% and NP 90.4%", "", 20000, "fa_avg", 94.6, 0.05},
		quoted{"credit", "By 20,000 examples BP reaches 92.5%, FA 94.6% and NP 90.4%", "", 20000, "np_avg", 90.4, 0.05},
		quoted{"credit", "FA's angle falls from 90° to 23°; NP's stays near 83°", "", 20000, "angle_fa", 23, 0.5},
		quoted{"credit", "FA's angle falls from 90° to 23°; NP's stays near 83°", "", 20000, "angle_np", 83, 1},
		quoted{"credit", "NP is ahead early, 67% at 2,000 examples", "eta_np=0.005", 2000, "np_avg", 67, 0.5},
		quoted{"credit", "but stalls at 76% by 20,000", "eta_np=0.005", 20000, "np_avg", 76, 0.5},
		quoted{"credit", "At η_NP = 0.01 it stalls near 70%", "eta_np=0.01", 20000, "np_avg", 70, 1},
		quoted{"credit", "82% at 5,000 examples against 70% with 20 units", "hidden=100", 5000, "np_avg", 82, 0.5},
		quoted{"credit", "82% at 5,000 examples against 70% with 20 units", "", 5000, "np_avg", 70, 0.5},
		quoted{"credit", "its angle rises to 86°, and FA's settles at 45° instead of 23°", "hidden=100", 20000, "angle_np", 86, 0.5},
		quoted{"credit", "its angle rises to 86°, and FA's settles at 45° instead of 23°", "hidden=100", 20000, "angle_fa", 45, 0.5},
		quoted{"credit", "NP sinks to 45% by 20,000 examples", "hidden=100 eta_np=0.01", 20000, "np_avg", 45, 0.5},
		quoted{"credit", "NP stays near chance, 19% at 20,000 examples, its angle near 90°", "baseline=mean", 20000, "np_avg", 19, 0.5},
		quoted{"credit", "NP stays near chance, 19% at 20,000 examples, its angle near 90°", "baseline=mean", 20000, "angle_np", 90, 1},
		quoted{"credit", "Raise σ to 0.7: 86% at 20,000", "baseline=mean sigma=0.7", 20000, "np_avg", 86, 0.5},
		quoted{"credit", "σ = 2 instead slows NP to 77% at 20,000", "sigma=2", 20000, "np_avg", 77, 0.5},
		quoted{"credit", "After 50,000 examples BP is at 87% and FA at 88%, but NP stalls at 75%", "task=nonlinear", 50000, "bp_avg", 87, 0.5},
		quoted{"credit", "After 50,000 examples BP is at 87% and FA at 88%, but NP stalls at 75%", "task=nonlinear", 50000, "fa_avg", 88, 0.5},
		quoted{"credit", "After 50,000 examples BP is at 87% and FA at 88%, but NP stalls at 75%", "task=nonlinear", 50000, "np_avg", 75, 0.5},
		quoted{"credit", "At 20,000 examples all three sit near 86%", "label_noise=0.3", 20000, "bp_avg", 86, 0.5},
		quoted{"credit", "At 20,000 examples all three sit near 86%", "label_noise=0.3", 20000, "fa_avg", 86, 0.5},
		quoted{"credit", "At 20,000 examples all three sit near 86%", "label_noise=0.3", 20000, "np_avg", 86, 0.5},
		quoted{"credit", "At η_NP = 0.01 it stalls near 70%, 22 points behind BP", "eta_np=0.01", 20000, "np_gap", 22, 1},
		quoted{"credit", "NP passes 75% after about 6,500", "", 6500, "np_avg", 75, 0.5},
	)
}
