// Package cortex holds models of cortical circuitry beyond single networks:
// predictive-coding microcircuits, glial modulation and recap labs.
package cortex
