#!/usr/bin/env bash
# The bundle commands' contract as scripts meet it: exit 0 / 1 (usage) / 2 (failure to decrypt
# or verify) with one line on stderr naming the class of failure, no partial output file on
# failure, JSON on stdout, keys never overwritten by accident, passphrases never on the
# command line.
bin=$1
. "$(dirname "$0")/lib.sh"
data="$here/../data/bundles"
fhir="$data/stock_bundle/referral.fhir.json"
cd "$tmp"
echo 'a passphrase' > pw

r=$("$bin" keygen -o id.key)
check "keygen prints the age1 recipient" bash -c "[[ '$r' == age1* ]]"
check "keygen's file is age-keygen's form" bash -c "head -1 id.key | grep -q '^# created: ' && sed -n 2p id.key | grep -q '^# public key: age1' && grep -q '^AGE-SECRET-KEY-1' id.key"
check "keygen without -o writes the identity file to stdout" bash -c "'$bin' keygen | grep -q '^AGE-SECRET-KEY-1'"
expect_error "keygen refuses to overwrite a key" 2 "already exists" "$bin" keygen -o id.key
check "keygen --force overwrites" "$bin" keygen -f -o id2.key
r=$(age-keygen -y id.key)
expect_error "keygen --signing without -o is a usage error" 1 "needs -o" "$bin" keygen --signing
expect_error "keygen: no passphrase on the command line" 1 "unknown option" "$bin" keygen --org X --passphrase secret -o x

random_file plain 70000
"$bin" seal -r "$r" -o ok.age plain > seal.json
check "seal -o prints JSON" python3 -c "import json,sys; j=json.load(open('seal.json')); sys.exit(0 if j['bytes'] > 70000 and j['signed'] is False else 1)"
check "seal without -o writes the age file to stdout, nothing else" bash -c "'$bin' seal -r '$r' plain | head -c 21 | grep -q '^age-encryption.org/v1'"

# Usage errors: exit 1, one line.
expect_error "seal without a recipient" 1 "give -r" "$bin" seal plain
expect_error "seal -r with --passphrase" 1 "cannot be combined" "$bin" seal -r "$r" --passphrase-file pw plain
expect_error "seal: --kind without --sign" 1 "is for --sign" "$bin" seal -r "$r" --kind referral plain
expect_error "seal: a bad recipient" 2 "[recipient]" "$bin" seal -r age1notarecipient plain
expect_error "open --seen without --verify" 1 "--seen needs --verify" "$bin" open -i id.key --seen l.json ok.age
expect_error "open: no identity for an X25519 file" 1 "give -i" "$bin" open ok.age

# Each class of failure: exit 2, one line naming it, and no output file left behind.
other=$("$bin" keygen -o other.key)
corrupt() {  # <in> <out> <offset>: flip one byte
  cp "$1" "$2"; local b; b=$(od -An -tu1 -j "$3" -N1 "$1" | tr -d ' ')
  printf "$(printf '\\%03o' $(( b ^ 1 )))" | dd of="$2" bs=1 seek="$3" conv=notrunc 2>/dev/null
}
hdr_len=$(grep -a -b -m1 '^---' ok.age | cut -d: -f1)
corrupt ok.age mac.age $(( hdr_len + 10 ))        # inside the MAC's base64
corrupt ok.age stanza.age 40                       # inside the X25519 stanza
corrupt ok.age payload.age $(( hdr_len + 200 ))    # inside the first chunk
head -c $(( $(wc -c < ok.age) - 100 )) ok.age > truncated.age
head -c $(( hdr_len + 60 )) ok.age > nofinal.age
printf 'garbage' > garbage.age
"$bin" seal -r "$r" -a -o ok.asc plain >/dev/null
sed '3s/./@/' ok.asc > armor.asc
expect_error "wrong identity" 2 "[no-identity]" "$bin" open -i other.key -o out1 ok.age
expect_error "header MAC" 2 "[header" "$bin" open -i id.key -o out2 mac.age
expect_error "payload authentication" 2 "[payload-auth]" "$bin" open -i id.key -o out3 payload.age
expect_error "truncated payload" 2 "[payload-" "$bin" open -i id.key -o out4 truncated.age
expect_error "malformed header" 2 "[header]" "$bin" open -i id.key -o out5 garbage.age
expect_error "armor" 2 "[armor]" "$bin" open -i id.key -o out6 armor.asc
expect_error "stanza damage: no identity or malformed" 2 "error [" "$bin" open -i id.key -o out7 stanza.age
for o in out1 out2 out3 out4 out5 out6 out7; do
  check "no output file after a failed open ($o)" test ! -e "$o"
done
check "no temporary files left behind" bash -c "! ls | grep -q '\.tmp-'"
# A header whose MAC is intact base64 but wrong: recompute nothing, swap two MACs.
"$bin" seal -r "$r" -o ok2.age plain >/dev/null
{ head -c "$hdr_len" ok.age; sed -n "$(( $(grep -a -n -m1 '^---' ok2.age | cut -d: -f1) ))p" ok2.age; tail -c +$(( $(head -c "$hdr_len" ok.age | wc -c) + $(sed -n '/^---/{p;q}' ok.age | wc -c) + 1 )) ok.age; } > swapped.age 2>/dev/null
expect_error "a valid MAC of another file" 2 "[header-mac]" "$bin" open -i id.key -o out8 swapped.age
expect_error "scrypt work factor above --max-work-factor" 2 "[work-factor]" \
  bash -c "'$bin' seal --passphrase-file pw --work-factor 12 plain > wf.age && '$bin' open --passphrase-file pw --max-work-factor 11 -o out9 wf.age"

# Signed bundles: trusted, unknown signer, replay, bad signature.
"$bin" keygen --org "Eastside Clinic" --passphrase-file pw --work-factor 10 -o clinic.keys >/dev/null
"$bin" keygen --org "Mallory" --passphrase-file pw --work-factor 10 -o mallory.keys >/dev/null
"$bin" keygen --org "Food Pantry" --passphrase-file pw --work-factor 10 -o pantry.keys >/dev/null
"$bin" seal --sign clinic.keys --key-passphrase-file pw -r pantry.keys.card.json --kind referral --id ref-1 -a -o ref1.age "$fhir" > ref1.json
check "seal --sign reports the bundle" grep -q '"id": "ref-1"' ref1.json
"$bin" open -i pantry.keys --key-passphrase-file pw --verify clinic.keys.card.json --seen seen.json -o ref1.fhir ref1.age > open1.json
same_file "open --verify writes the FHIR content" "$fhir" ref1.fhir
check "the report names kind, id, sender and fingerprint" python3 -c "
import json; j=json.load(open('open1.json')); c=json.load(open('clinic.keys.card.json'))
assert j['kind']=='referral' and j['id']=='ref-1' and j['sender']=='Eastside Clinic' and j['fingerprint']==c['fingerprint']"
check "the ledger records it" grep -q '"id": "ref-1"' seen.json
cp seen.json seen.before
expect_error "replay refused" 2 "[replay]" "$bin" open -i pantry.keys --key-passphrase-file pw --verify clinic.keys.card.json --seen seen.json -o ref1b.fhir ref1.age
same_file "a replay leaves the ledger as it was" seen.before seen.json
check "no output on replay" test ! -e ref1b.fhir
check "the sender reopens its own bundle" "$bin" open -i clinic.keys --key-passphrase-file pw --verify clinic.keys.card.json -o self.fhir ref1.age
"$bin" seal --sign mallory.keys --key-passphrase-file pw -r pantry.keys.card.json -o m.age "$fhir" >/dev/null
expect_error "unknown signer, with key id and fingerprint" 2 "[unknown-signer]" "$bin" open -i pantry.keys --key-passphrase-file pw --verify clinic.keys.card.json -o m.fhir m.age
check "the unknown-signer line shows the fingerprint" grep -q "fingerprint $(python3 -c "import json; print(json.load(open('mallory.keys.card.json'))['fingerprint'])")" "$tmp/err.err"
# Decrypt, change one byte of the signed content, re-encrypt: the signature fails.
"$bin" open -i pantry.keys --key-passphrase-file pw -o ref1.plain ref1.age >/dev/null
sed 's/"ServiceRequest"/"ServiceRequesT"/' ref1.plain > forged.plain
p_pantry=$(grep -o 'age1[a-z0-9]*' pantry.keys.card.json)
"$bin" seal -r "$p_pantry" -o forged.age forged.plain >/dev/null
expect_error "bad signature" 2 "[bad-signature]" "$bin" open -i pantry.keys --key-passphrase-file pw --verify clinic.keys.card.json -o f.fhir forged.age
expect_error "a plain file with --verify" 2 "[bundle]" "$bin" open -i id.key --verify clinic.keys.card.json ok.age
expect_error "sealing something that is not a FHIR Bundle" 2 "[bundle-content]" "$bin" seal --sign clinic.keys --key-passphrase-file pw -r "$r" plain
echo 'nope' > pw.wrong
expect_error "wrong key set passphrase" 2 "[no-identity]" "$bin" open -i pantry.keys --key-passphrase-file pw.wrong ref1.age
finish
