// Command iconsizes writes the application icon at the sizes of the
// freedesktop hicolor theme, for the Linux packages made by scripts/dist.sh:
//
//	go run ./scripts/iconsizes -in assets/icon.png -out ROOT/usr/share/icons/hicolor -name cn.pingce.desktop
//
// writes ROOT/usr/share/icons/hicolor/16x16/apps/cn.pingce.desktop.png and so
// on up to 512x512. The output is a pure function of the input (Catmull-Rom
// scaling, Go's PNG encoder, no time chunks), so packages stay reproducible.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"
)

// sizes are the hicolor sizes desktop environments look up (UOS and Kylin
// use the same theme directories as GNOME and KDE).
var sizes = []int{16, 24, 32, 48, 64, 128, 256, 512}

// maxIcon bounds what is read: the icon is a few tens of kilobytes.
const maxIcon = 8 << 20

func main() {
	in := flag.String("in", "assets/icon.png", "source PNG (square)")
	out := flag.String("out", "", "hicolor directory to write into (required)")
	name := flag.String("name", "", "icon name, the file name without .png (required)")
	flag.Parse()
	if *out == "" || *name == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *out, *name); err != nil {
		fmt.Fprintln(os.Stderr, "iconsizes:", err)
		os.Exit(1)
	}
}

func run(in, out, name string) error {
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("open icon: %w", err)
	}
	defer f.Close()
	src, err := png.Decode(io.LimitReader(f, maxIcon))
	if err != nil {
		return fmt.Errorf("decode %s: %w", in, err)
	}
	b := src.Bounds()
	if b.Dx() != b.Dy() {
		return fmt.Errorf("%s is %dx%d: the icon must be square", in, b.Dx(), b.Dy())
	}
	for _, s := range sizes {
		if s > b.Dx() {
			continue // never scale up: a blurred large icon is worse than none
		}
		dst := image.NewNRGBA(image.Rect(0, 0, s, s))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
		if err := write(filepath.Join(out, fmt.Sprintf("%dx%d", s, s), "apps", name+".png"), dst); err != nil {
			return err
		}
	}
	return nil
}

func write(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create icon directory: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create icon: %w", err)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("encode %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
