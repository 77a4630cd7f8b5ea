#!/usr/bin/env python3
"""Writes the CSV test files of this directory byte for byte. Run it from anywhere: python3 make-files.py

Cells that must be unique per test run start with the marker {run}; tests replace it (as bytes) with a fresh token.
The marker always follows a comma or starts a line, so the replacement is safe in Windows-31J too (a comma or a line
feed is never the second byte of a Japanese character).
"""
import base64
import os

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ("external_id,customer_ref,customer_name,segment,received_at,channel,category,"
          "transparency,consistency,communication,quality,values,nps,csat,ces,incidents,comment")


def write(name, text, encoding="utf-8", bom=False, newline="\r\n"):
    data = text.replace("\n", newline).encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# Three good rows, Japanese names, CRLF, with a byte order mark (Excel "CSV UTF-8").
write("utf8-bom.csv", HEADER + """
{run}-1,{run}-C1,株式会社さくら商事,中小企業,2026-05-01T09:30:00+09:00,EMAIL,DELIVERY,4,2,3,,,6,3,4,BROKEN_PROMISE,配送が2日遅れました。
{run}-2,{run}-C2,Acme Corporation,Enterprise,2026-05-02 14:05,PHONE,SERVICE,5,5,4,5,4,9,5,6,,Very helpful call.
,{run}-C1,株式会社さくら商事,中小企業,2026/05/03,CHAT,PRICE,,,,,,,,,hidden_fees; Unfair-Pricing,料金の説明が不十分
""", bom=True)

# The same kind of rows without a byte order mark, LF line ends, header in another order and case.
write("utf8-no-bom.csv", """Comment, External_ID ,customer_ref,customer_name,segment,received_at,channel,category,transparency,consistency,communication,quality,values,nps,csat,ces,incidents
Schnelle Lieferung – danke!,{run}-1,{run}-C1,Müller GmbH,SMB,2026-04-30T23:15:00Z,email,product,5,,,5,,10,5,7,
丁寧な対応,{run}-2,{run}-C2,田中花子,個人,2026-04-01,in person,service,,,4,,,,4,,
""", newline="\n")

# Japanese Excel: Windows-31J (Shift_JIS with the Microsoft extensions), CRLF, a quoted comment over three lines,
# characters that exist only in Windows-31J (①, ㈱, ～) and a full-width digit.
write("windows-31j.csv", HEADER + """
{run}-1,{run}-C1,㈱みらい物産,大企業,2026/05/01 9:30,PHONE,SERVICE,2,1,2,,,３,2,2,INSUFFICIENT_SUPPORT,"担当者の説明が二転三転しました。
① 納期が守られない
② 連絡が来ない～"
{run}-2,{run}-C2,佐藤一郎,個人,2026/05/02 10:00,EMAIL,PRODUCT,5,5,5,5,5,10,5,7,,とても満足しています。
""", encoding="cp932")

# Excel with every cell quoted, CRLF, an embedded quote and a multi-line comment.
write("excel-quoted.csv", ",".join('"%s"' % h for h in HEADER.split(",")) + """
"{run}-1","{run}-C1","Quoted Co.","SMB","2026-05-01 09:30","CHAT","BILLING","3","3","3","3","3","7","4","5","","He said ""we'll call back"",
then nobody called."
"{run}-2","{run}-C2","Quoted Co. 2","SMB","2026-05-01 10:30","CHAT","BILLING","","","","","","8","","","",""
""")

# Line numbers: row 2 starts on line 2 and spans lines 2-4; the bad row starts on physical line 5, record 3.
write("multiline.csv", HEADER + """
{run}-1,{run}-C1,Line Co.,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,"first line
second line
third line"
{run}-2,{run}-C1,Line Co.,SMB,not a date,EMAIL,OTHER,3,,,,,,,,,bad date on physical line 5
{run}-3,{run}-C1,Line Co.,SMB,2026-05-02,EMAIL,OTHER,4,,,,,,,,,fine on line 6
""")

write("empty.csv", "")
write("blank-lines.csv", "\n\n  \n")
write("header-only.csv", HEADER + "\n")
write("wrong-header.csv", HEADER.replace(",values,", ",value,") + """
{run}-1,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,
""")
write("extra-column.csv", HEADER + """,notes
{run}-1,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,,a note
""")
write("no-header.csv", """{run}-1,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,
""")

# The first bytes of a PNG image: signature and the start of the IHDR chunk.
with open(os.path.join(HERE, "binary.png"), "wb") as f:
    f.write(base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="))

# Rows with too many and too few cells between good ones; trailing empty cells are tolerated.
write("cell-counts.csv", HEADER + """
{run}-1,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,ok
{run}-2,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,too many,surprise
{run}-3,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,3
{run}-4,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,ok with empty extra cells,,,
""")

# One bad value per row and column; the last row is good.
write("bad-values.csv", HEADER + """
{run}-1,{run}-C1,A,SMB,2026-13-01,EMAIL,OTHER,3,,,,,,,,,bad date
{run}-2,{run}-C1,A,SMB,2026-05-01,FAX,OTHER,3,,,,,,,,,unknown channel
{run}-3,{run}-C1,A,SMB,2026-05-01,EMAIL,WEATHER,3,,,,,,,,,unknown category
{run}-4,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,three,,,,,,,,,not a number
{run}-5,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,,,,,,-1,,,,negative number
{run}-6,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,LATE_PIZZA,unknown incident
{run}-7,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,6,,,,,,,,,rating above five
{run}-8,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,,,,,,11,,,,nps above ten
{run}-9,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,,,,,,,0,,,csat below one
{run}-10,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,,,,,,,,8,,ces above seven
{run}-11,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,,,,,,,,,,no rating score or incident
{run}-12,,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,no customer reference
{run}-13,{run}-C1,A,SMB,,EMAIL,OTHER,3,,,,,,,,,no received_at
{run}-14,{run}-C1,A,SMB,2026-05-01,,OTHER,3,,,,,,,,,no channel
{run}-15,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,""" + "x" * 4001 + """
{run}-16,{run}-C1,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,good
""")

# Cells protected against formula injection by an export: the leading ' is removed on import, exactly once.
write("formula.csv", HEADER + """
{run}-1,{run}-C1,"'=HYPERLINK(""x"")",'@team,2026-05-01,EMAIL,OTHER,3,,,,,,,,,'-5 stars
{run}-2,{run}-C1,''+quoted,'+plus,2026-05-01,EMAIL,OTHER,3,,,,,,,,,'don't strip this
""")
