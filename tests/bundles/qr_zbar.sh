#!/usr/bin/env bash
# QR transport against a real decoder: split a sealed bundle into PNG codes, read every PNG
# back with zbarimg (zbar-tools), join the texts in a shuffled order, compare; then a missing
# and a foreign code. zbarimg looks for QR codes only: with every symbology on, it now and then
# also reads a false linear barcode (e.g. "664777" as I2/5) out of a QR code's modules.
bin=$1
. "$(dirname "$0")/lib.sh"
data="$here/../data/bundles"
cd "$tmp"
r=$("$bin" keygen -o id.key)
# A bundle-sized binary file and an armored one.
head -c 3000 /dev/urandom > small
"$bin" seal -r "$r" -o b.age "$data/stock_bundle/referral.fhir.json" >/dev/null
"$bin" seal -r "$r" -a -o b.asc small >/dev/null
for f in b.age b.asc; do
  "$bin" qr split --png "$f" "$f" > "$f.json"
  n=$(python3 -c "import json; print(json.load(open('$f.json'))['parts'])")
  check "$f: split into $n codes" test "$n" -ge 2
  : > "$f.texts"
  for png in "$f"-*.png; do zbarimg --quiet --raw -Sdisable -Sqrcode.enable "$png" 2>/dev/null >> "$f.texts"; done
  check "$f: zbarimg read every code" test "$(grep -c '^SN1:' "$f.texts")" -eq "$n"
  check "$f: every code is version 15 or less (77 modules + quiet zone, 4 px)" python3 -c "
import struct,glob,sys
for p in glob.glob('$f-*.png'):
    w,h=struct.unpack('>II', open(p,'rb').read()[16:24])
    assert w==h and w<=(77+8)*4, (p,w)"
  shuf "$f.texts" > "$f.shuffled"
  "$bin" qr join -o "$f.joined" "$f.shuffled" >/dev/null
  same_file "$f: joined from zbarimg's texts in shuffled order" "$f" "$f.joined"
done
check "the joined bundle still opens" "$bin" open -i id.key -o b.fhir b.age.joined
same_file "and gives the content" "$data/stock_bundle/referral.fhir.json" b.fhir
# Larger codes on request.
"$bin" qr split --max-version 25 --ecc L --png big b.age > big.json
: > big.texts; for png in big-*.png; do zbarimg --quiet --raw -Sdisable -Sqrcode.enable "$png" 2>/dev/null >> big.texts; done
"$bin" qr join big.texts > big.joined
same_file "version 25-L codes read back too" b.age big.joined
# Failures: a missing part, a part of another bundle, stdin.
sed 1d b.age.texts > missing.texts
expect_error "a missing code is named" 2 "[qr-missing]" "$bin" qr join -o out missing.texts
check "no output after a failed join" test ! -e out
{ cat b.age.texts; head -1 b.asc.texts; } > foreign.texts
expect_error "a code of another bundle" 2 "[qr-foreign]" "$bin" qr join foreign.texts
check "join reads standard input" bash -c "'$bin' qr join < b.age.texts | cmp -s - b.age"
expect_error "qr without an action" 1 "split or join" "$bin" qr
expect_error "qr join does not take --png" 1 "is for split" "$bin" qr join --png x b.age.texts
finish
