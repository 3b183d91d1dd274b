package lessons_test

// The reward-prediction-error lesson's quoted numbers. Its lab starts at
// α = 0.2, γ = 0.98, λ = 0, interval 1000 ms, p = 1, r = 1, seed 1; a trial
// is 3000 ms, so trial n ends at n·3000 ms. Step 8 (extinction) changes p
// in the middle of a run, which this table cannot do:
// sim/learning's TestDopamineExtinction checks its −1.
func init() {
	tryItNumbers = append(tryItNumbers,
		quoted{"dopamine", "δ is 0 at the cue and 1 at the reward (*δ at reward* reads 1)", "", 3000, "delta_cue", 0, 0},
		quoted{"dopamine", "δ is 0 at the cue and 1 at the reward (*δ at reward* reads 1)", "", 3000, "delta_reward", 1, 0},
		quoted{"dopamine", "(*δ at reward* 0.13 after 10 trials", "", 30000, "delta_reward", 0.13, 0.005},
		quoted{"dopamine", "0.014 after 20", "", 60000, "delta_reward", 0.014, 0.0005},
		quoted{"dopamine", "a bump of up to 0.40 crosses the delay in the grid (*bump* keeps its peak)", "", 60000, "bump_max", 0.40, 0.005},
		quoted{"dopamine", "From trial 20 to about trial 70 neither cue nor reward responds much", "", 60000, "delta_cue", 0, 0.001},
		quoted{"dopamine", "From trial 20 to about trial 70 neither cue nor reward responds much", "", 210000, "delta_cue", 0.03, 0.02},
		quoted{"dopamine", "From trial 20 to about trial 70 neither cue nor reward responds much", "", 210000, "delta_reward", 0, 0.001},
		quoted{"dopamine", "0.35 at trial 100", "", 300000, "delta_cue", 0.35, 0.005},
		quoted{"dopamine", "0.668 = γ²⁰ by trial 200", "", 600000, "delta_cue", 0.668, 0.0005},
		quoted{"dopamine", "the cue's error settles at 0.98²⁰ = 0.668", "", 600000, "delta_cue", 0.668, 0.0005},
		quoted{"dopamine", "*cue wins at trial*, the first trial whose cue response beats the reward's, reads 81", "", 300000, "transfer_trial", 81, 0},
		quoted{"dopamine", "(trial 6: 0.12 at the cue, 0.33 at the reward)", "lambda=0.9", 18000, "delta_cue", 0.12, 0.005},
		quoted{"dopamine", "(trial 6: 0.12 at the cue, 0.33 at the reward)", "lambda=0.9", 18000, "delta_reward", 0.33, 0.005},
		quoted{"dopamine", "*cue wins at trial* reads 9", "lambda=0.9", 30000, "transfer_trial", 9, 0},
		quoted{"dopamine", "and *bump* stays at 0.04", "lambda=0.9", 300000, "bump_max", 0.04, 0.001},
		quoted{"dopamine", "a burst of about +0.50 (*δ reward, mean*)", "p_reward=0.5", 300000, "delta_reward_avg", 0.50, 0.01},
		quoted{"dopamine", "a dip of about −0.49 (*δ omission, mean*)", "p_reward=0.5", 300000, "delta_omit_avg", -0.49, 0.01},
		quoted{"dopamine", "*predicted r* reads 0.68 at trial 100", "p_reward=0.5", 300000, "v_pred", 0.68, 0.01},
		quoted{"dopamine", "*optimist − pessimist*, their difference, reads 0.76 at trial 100", "p_reward=0.5", 300000, "spread", 0.76, 0.01},
		quoted{"dopamine", "After 100 trials the cue response is 0.4456", "interval=2000 lambda=0.9", 300000, "delta_cue", 0.4456, 0.00005},
	)
}
