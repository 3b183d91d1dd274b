package vision

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
)

// The training image of the sparse-coding lab: a scale-invariant "dead
// leaves" image (Lee, Mumford & Huang 2001), whitened as Olshausen & Field
// (1996) whitened their photographs.
const (
	leafSide = 256 // the image is leafSide×leafSide px, a power of 2 for the FFT
	leafSS   = 4   // sub-pixels per pixel along each axis (anti-aliasing)
	leafRMin = 2.0 // px, smallest leaf "radius"
	leafRMax = 32  // px, largest
	leafAsp  = 3.0 // largest aspect ratio of a leaf
	// whitenF0 is the cut-off of the whitening filter in cycles/px:
	// Olshausen & Field's 200 cycles per 512-px picture.
	whitenF0 = 200.0 / 512
)

// Images of the sparse-coding lab, the values of its "image" parameter.
const (
	ImgLeaves = iota // whitened dead leaves: edges and corners
	ImgNoise         // Gaussian noise with the same power spectrum, whitened
)

// leafImage holds one whitened training image and the buffers that made it.
type leafImage struct {
	px    []float64    // leafSide² pixels, whitened, unit variance
	spec  []complex128 // scratch spectrum, leafSide²
	amp   []float64    // the leaves' amplitude spectrum, for the noise image
	row   []complex128 // scratch line, leafSide
	cover []uint16     // per pixel, one bit per sub-pixel already painted
}

func newLeafImage() *leafImage {
	n := leafSide * leafSide
	return &leafImage{
		px:    make([]float64, n),
		spec:  make([]complex128, n),
		amp:   make([]float64, n),
		row:   make([]complex128, leafSide),
		cover: make([]uint16, n),
	}
}

// make draws the image for a seed: dead leaves, or Gaussian noise with the
// leaves' amplitude spectrum, then whitened and scaled to unit variance.
func (im *leafImage) make(which int, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 0x1eaf))
	im.deadLeaves(rng)
	for i, v := range im.px {
		im.spec[i] = complex(v, 0)
	}
	im.fft2(false)
	if which == ImgNoise {
		// Keep each frequency's amplitude, draw its phase from white
		// Gaussian noise: the same power spectrum, no edges.
		for i, w := range im.spec {
			im.amp[i] = cmplx.Abs(w)
			im.spec[i] = complex(rng.NormFloat64(), 0)
		}
		im.fft2(false)
		for i, w := range im.spec {
			if a := cmplx.Abs(w); a > 0 {
				im.spec[i] = w * complex(im.amp[i]/a, 0)
			}
		}
	}
	for y := range leafSide {
		fy := float64(wrapFreq(y)) / leafSide
		for x := range leafSide {
			fx := float64(wrapFreq(x)) / leafSide
			im.spec[y*leafSide+x] *= complex(WhiteningGain(math.Hypot(fx, fy)), 0)
		}
	}
	im.fft2(true)
	var s2 float64
	for i := range im.px {
		im.px[i] = real(im.spec[i])
		s2 += im.px[i] * im.px[i]
	}
	sd := math.Sqrt(s2 / float64(len(im.px)))
	for i := range im.px {
		im.px[i] /= sd
	}
}

// WhiteningGain is Olshausen & Field's zero-phase whitening and low-pass
// filter at spatial frequency f (cycles/px):
//
//	R(f) = f·e^(−(f/f₀)⁴),  f₀ = 200/512 cycles/px
//
// The rising f flattens the 1/f² power spectrum of natural images (and of
// dead leaves); the fall above f₀ removes what the square pixel grid
// adds near the Nyquist frequency.
func WhiteningGain(f float64) float64 {
	return f * math.Exp(-math.Pow(f/whitenF0, 4))
}

// wrapFreq maps an FFT index 0…leafSide−1 to a signed frequency index.
func wrapFreq(i int) int {
	if i > leafSide/2 {
		return i - leafSide
	}
	return i
}

// deadLeaves paints leaves until every sub-pixel is covered. Each new leaf
// falls behind the ones already painted (it shows only where nothing is
// yet), which is Matheron's dead-leaves process seen from above. A leaf is
// a rectangle with a uniform random grey level in [0, 1), a uniform random
// orientation and an aspect ratio from 1 to 3; its size r (half the
// geometric mean of its sides) has density ∝ r⁻³ from 2 to 32 px, the
// scale-invariant choice of Lee, Mumford & Huang (2001) that gives a power
// spectrum close to 1/f². A pixel is the mean of its 4×4 sub-pixels. The
// image wraps around (a torus), so the whitening FFT sees no border.
func (im *leafImage) deadLeaves(rng *rand.Rand) {
	const full = 1<<(leafSS*leafSS) - 1
	clear(im.cover)
	clear(im.px)
	left := leafSide * leafSide // pixels not yet fully covered
	w := 1.0 / (leafSS * leafSS)
	a0, a1 := 1/(leafRMin*leafRMin), 1/float64(leafRMax*leafRMax)
	for left > 0 {
		r := 1 / math.Sqrt(a0-rng.Float64()*(a0-a1)) // inverse CDF of r⁻³
		asp := 1 + (leafAsp-1)*rng.Float64()
		hu, hv := r*math.Sqrt(asp), r/math.Sqrt(asp) // half sides, px
		th := math.Pi * rng.Float64()
		c, s := math.Cos(th), math.Sin(th)
		cx, cy := leafSide*rng.Float64(), leafSide*rng.Float64()
		grey := rng.Float64()
		ex := math.Abs(c)*hu + math.Abs(s)*hv // half-size of the bounding box
		ey := math.Abs(s)*hu + math.Abs(c)*hv
		for y := int(math.Floor(cy - ey)); y <= int(cy+ey); y++ {
			yy := (y%leafSide + leafSide) % leafSide
			for x := int(math.Floor(cx - ex)); x <= int(cx+ex); x++ {
				p := yy*leafSide + (x%leafSide+leafSide)%leafSide
				mask := im.cover[p]
				if mask == full {
					continue
				}
				for sub := range leafSS * leafSS {
					if mask&(1<<sub) != 0 {
						continue
					}
					dx := float64(x) + (float64(sub%leafSS)+0.5)/leafSS - cx
					dy := float64(y) + (float64(sub/leafSS)+0.5)/leafSS - cy
					if math.Abs(c*dx+s*dy) <= hu && math.Abs(-s*dx+c*dy) <= hv {
						mask |= 1 << sub
						im.px[p] += w * grey
					}
				}
				if im.cover[p] = mask; mask == full {
					left--
				}
			}
		}
	}
}

// fft2 transforms im.spec in place (inverse: with 1/N² scaling).
func (im *leafImage) fft2(inverse bool) {
	const n = leafSide
	for y := range n {
		fft(im.spec[y*n:(y+1)*n], inverse)
	}
	for x := range n {
		for y := range n {
			im.row[y] = im.spec[y*n+x]
		}
		fft(im.row, inverse)
		for y := range n {
			im.spec[y*n+x] = im.row[y]
		}
	}
	if inverse {
		for i := range im.spec {
			im.spec[i] /= n * n
		}
	}
}

// fft is an in-place radix-2 Cooley–Tukey transform of a (len a power of
// 2): X_k = Σ_j x_j·e^(∓2πijk/N), the sign + for the inverse (unscaled).
func fft(a []complex128, inverse bool) {
	n := len(a)
	for i, j := 1, 0; i < n; i++ {
		bit := n >> 1
		for ; j&bit != 0; bit >>= 1 {
			j ^= bit
		}
		j ^= bit
		if i < j {
			a[i], a[j] = a[j], a[i]
		}
	}
	for l := 2; l <= n; l <<= 1 {
		ang := 2 * math.Pi / float64(l)
		if !inverse {
			ang = -ang
		}
		wl := cmplx.Rect(1, ang)
		for i := 0; i < n; i += l {
			w := complex(1, 0)
			for k := range l / 2 {
				u, v := a[i+k], a[i+k+l/2]*w
				a[i+k], a[i+k+l/2] = u+v, u-v
				w *= wl
			}
		}
	}
}
