#!/usr/bin/env bash
# Interop with the stock minisign 0.11, both directions: our key files in minisign, minisign's
# key files in our bundles, our bundle signatures verified by `minisign -V`, and a bundle made
# with the stock tools only (tests/data/bundles/bundle_stock_v1.txt) opened by us.
bin=$1
. "$(dirname "$0")/lib.sh"
data="$here/../data/bundles"
cd "$tmp"
echo "minisign: $(minisign -v)"
echo 'minisign password' > pw
printf 'hello from the clinic\n' > msg
r_self=$("$bin" keygen -o self.key)
r_cbo=$("$bin" keygen -o cbo.key)
fhir="$data/stock_bundle/referral.fhir.json"

# Our key pairs in stock minisign: it signs with them and verifies with our .pub.
"$bin" keygen --signing --unencrypted -o ours-W.key >/dev/null
minisign -S -s ours-W.key -m msg -x msg.W.minisig >/dev/null
check "minisign -S with our unencrypted key, minisign -V with our .pub" minisign -Vq -p ours-W.key.pub -m msg -x msg.W.minisig
"$bin" keygen --signing --passphrase-file pw -o ours-enc.key >/dev/null
minisign -S -s ours-enc.key -m msg -x msg.enc.minisig < pw >/dev/null 2>&1
check "minisign -S with our encrypted key (its password), minisign -V with our .pub" minisign -Vq -p ours-enc.key.pub -m msg -x msg.enc.minisig
echo 'wrong' > wrong
check "minisign refuses our encrypted key under a wrong password" bash -c "! minisign -S -s ours-enc.key -m msg -x x.minisig < wrong >/dev/null 2>&1"

# Stock minisign key pairs in our bundles: -W and encrypted (scrypt at minisign's default, N = 2^20).
minisign -G -W -p stock-W.pub -s stock-W.key >/dev/null
printf "minisign password\nminisign password\n" | minisign -G -p stock-enc.pub -s stock-enc.key >/dev/null 2>&1
for k in W enc; do
  "$bin" seal --sign "stock-$k.key" --key-passphrase-file pw --sender "Clinic $k" --sender-recipient "$r_self" \
    -r "$r_cbo" --id "bundle-$k" -o "b$k.age" "$fhir" >/dev/null
  "$bin" open -i cbo.key --verify "stock-$k.pub" -o "b$k.fhir" "b$k.age" > "b$k.report"
  same_file "bundle signed with a stock minisign $k key opens and verifies" "$fhir" "b$k.fhir"
  # The signature inside is a plain minisign signature: stock minisign -V checks it.
  age -d -i self.key "b$k.age" > "b$k.plain"
  head -n -4 "b$k.plain" > "b$k.msg"; tail -n 4 "b$k.plain" > "b$k.msg.minisig"
  check "minisign -V verifies the signature inside our bundle ($k key)" minisign -Vq -p "stock-$k.pub" -m "b$k.msg" -x "b$k.msg.minisig"
done
check "the sender reopens its own bundle" "$bin" open -i self.key --verify stock-W.pub -o self.fhir bW.age

# Bundles signed with our keys (minisign file, key set): stock minisign -V verifies them too.
"$bin" keygen --org "Eastside Clinic" --passphrase-file pw -o clinic.keys >/dev/null
"$bin" seal --sign clinic.keys --key-passphrase-file pw -r "$r_cbo" -o bk.age "$fhir" >/dev/null
age -d -i cbo.key bk.age > bk.plain
head -n -4 bk.plain > bk.msg; tail -n 4 bk.plain > bk.msg.minisig
key=$(grep -o '"minisign_public_key": "[^"]*"' clinic.keys.card.json | cut -d'"' -f4)
check "minisign -V verifies a bundle signed with a key set" minisign -Vq -P "$key" -m bk.msg -x bk.msg.minisig
check "open --verify CARD accepts it" "$bin" open -i cbo.key --verify clinic.keys.card.json -o bk.fhir bk.age
same_file "and writes the FHIR content" "$fhir" bk.fhir
"$bin" seal --sign ours-enc.key --key-passphrase-file pw --sender Ours --sender-recipient "$r_self" -r "$r_cbo" -o bo.age "$fhir" >/dev/null
age -d -i cbo.key bo.age > bo.plain
head -n -4 bo.plain > bo.msg; tail -n 4 bo.plain > bo.msg.minisig
check "minisign -V verifies a bundle signed with our encrypted minisign key" minisign -Vq -p ours-enc.key.pub -m bo.msg -x bo.msg.minisig

# The vector built with stock age and minisign only.
sed '1,/^$/d' "$data/bundle_stock_v1.txt" > stock.age
check "open the stock-tools bundle vector" "$bin" open -i "$data/stock_bundle/receiver.age-key" --verify "$data/minisign/stock.pub" -o stock.fhir stock.age
same_file "its content is the FHIR file it was made from" "$fhir" stock.fhir
finish
