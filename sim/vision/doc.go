// Package vision holds models of visual processing: oriented receptive fields
// and their pooling, hierarchical feature models with linear readouts,
// normalisation and attention, and filter priors.
package vision
