#!/usr/bin/env bash
# Interop with the stock age 1.1.1 and age-keygen, both directions: binary, armored and
# passphrase files, several recipients, identity files, payload sizes around the 64 KiB chunk.
bin=$1
. "$(dirname "$0")/lib.sh"
cd "$tmp"
echo "age: $(age --version)"

r_ours=$("$bin" keygen -o ours.key)
age-keygen -o theirs.key 2>/dev/null
r_theirs=$(age-keygen -y theirs.key)
check "age-keygen -y reads our identity file" test "$(age-keygen -y ours.key)" = "$r_ours"
echo 'correct horse battery staple' > pw

for size in 0 1 65535 65536 65537 3145728; do
  random_file "p$size" "$size"
  # ours -> age
  "$bin" seal -r "$r_ours" -o "o$size.age" "p$size" >/dev/null
  age -d -i ours.key "o$size.age" > "o$size.out"  # age creates -o files lazily: none for 0 bytes
  same_file "seal -> age -d, $size bytes" "p$size" "o$size.out"
  "$bin" seal -r "$r_theirs" -a -o "o$size.asc" "p$size" >/dev/null
  age -d -i theirs.key "o$size.asc" > "o$size.asc.out"
  same_file "seal --armor -> age -d, $size bytes (age-keygen identity)" "p$size" "o$size.asc.out"
  # age -> ours
  age -e -r "$r_ours" -o "t$size.age" "p$size"
  "$bin" open -i ours.key -o "t$size.out" "t$size.age" >/dev/null
  same_file "age -e -> open, $size bytes" "p$size" "t$size.out"
  age -e -a -r "$r_theirs" -o "t$size.asc" "p$size"
  "$bin" open -i theirs.key -o "t$size.asc.out" "t$size.asc" >/dev/null
  same_file "age -e -a -> open -i (age-keygen file), $size bytes" "p$size" "t$size.asc.out"
done

# Several recipients: every identity opens, both ways.
"$bin" seal -r "$r_ours" -r "$r_theirs" -o multi.age p65537 >/dev/null
age -d -i theirs.key -o multi.1 multi.age && age -d -i ours.key -o multi.2 multi.age
same_file "seal to two recipients -> age -d with either (1)" p65537 multi.1
same_file "seal to two recipients -> age -d with either (2)" p65537 multi.2
age -e -r "$r_ours" -r "$r_theirs" -o amulti.age p65537
"$bin" open -i ours.key -o amulti.1 amulti.age >/dev/null
"$bin" open -i theirs.key -o amulti.2 amulti.age >/dev/null
same_file "age -e to two recipients -> open with either (1)" p65537 amulti.1
same_file "age -e to two recipients -> open with either (2)" p65537 amulti.2
# Recipients files and identity files with several keys.
"$bin" open -i ours.key -i theirs.key -o both.out t1.asc >/dev/null
same_file "open with two -i files" p1 both.out

# Passphrases: ours -> age (age reads passphrases from a terminal only: a pty types it).
"$bin" seal --passphrase-file pw -o s.age p65537 >/dev/null
pty_run pw -- age -d -o s.out s.age
same_file "seal --passphrase -> age -d (scrypt)" p65537 s.out
"$bin" seal --passphrase-file pw -a -o s.asc p1 >/dev/null
pty_run pw -- age -d -o s.asc.out s.asc
same_file "seal --passphrase --armor -> age -d" p1 s.asc.out
check "our passphrase files use work factor 18, age's default" grep -q '^-> scrypt [A-Za-z0-9+/]* 18$' s.age
pty_run pw -- age -p -o a.age p65537
"$bin" open --passphrase-file pw -o a.out a.age >/dev/null
same_file "age -p -> open --passphrase-file" p65537 a.out
pty_run pw -- age -p -a -o a.asc p1
"$bin" open --passphrase-file pw -o a.asc.out a.asc >/dev/null
same_file "age -p -a -> open" p1 a.asc.out
echo 'not it' > wrong
expect_error "age -p file, wrong passphrase" 2 "[no-identity]" "$bin" open --passphrase-file wrong a.age
# An identity file encrypted with age -p works as -i, as with age.
pty_run pw -- age -p -o ours.key.age ours.key
"$bin" open -i ours.key.age --key-passphrase-file pw -o enc.out t1.age >/dev/null
same_file "open -i with an age -p encrypted identity file" p1 enc.out

# Our key set (keygen --org) is an age file too: age -d with the passphrase shows the keys.
"$bin" keygen --org "Interop Clinic" --passphrase-file pw -o org.keys >/dev/null
pty_run pw -- age -d -o org.plain org.keys
check "age -d opens an exported key set" grep -q '^safetynet-keyset/v1$' org.plain
r_org=$(grep -o 'age1[a-z0-9]*' org.keys.card.json)
grep '^age-identity: ' org.plain | cut -d' ' -f2 > org.age-identity
age -e -r "$r_org" -o org.age p1
"$bin" open -i org.keys --key-passphrase-file pw -o org.out org.age >/dev/null
same_file "open -i KEYSET (age -e to its card's recipient)" p1 org.out
age -d -i org.age-identity -o org.out2 org.age
same_file "the key set's identity works with age -d" p1 org.out2

# A tampered file: age and we both refuse it.
cp o65537.age bad.age
printf '\x01' | dd of=bad.age bs=1 seek=300 conv=notrunc 2>/dev/null
check "age -d refuses a tampered file of ours" bash -c "! age -d -i ours.key -o /dev/null bad.age 2>/dev/null"
expect_error "open refuses it too" 2 "[payload-auth]" "$bin" open -i ours.key bad.age
finish
