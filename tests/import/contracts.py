"""The three contract templates of the bundled handbook's sources, typed as their regions wrote
them: headings, bullets, bold, blanks as underscores, dotted lines and "xx", a table, and a
signature block. Each block is (kind, content):

  ("title", text) ("h1", text) ("p", text) ("li", text) ("table", rows) ("sig", rows, line)

A text may hold **bold** and *italic*. "sig" rows are a signature block: above each row a line
to sign on drawn with `line` ("_" or "."; none for ""), the names apart by tabs. `word_files.py` types them into Word files with python-docx
and, through HTML, with LibreOffice.
"""

SORMLAND = [
    ("title", "ST-KONTRAKT"),
    ("p", "Överenskommelse angående specialistutbildning i xxx för"),
    ("p", "ST-läkare xx, personnummer ______________"),
    ("h1", "Xx-kliniken åtar sig"),
    ("p", "för att ST-läkaren ska kunna uppfylla målbeskrivningen för sin specialistutbildning, att leda och stödja utbildningen genom:"),
    ("li", "att tillse att ST-läkaren har personlig handledare."),
    ("li", "att tillse att ST-läkaren har tillgång till studierektor med specialistkompetens inom avsedd specialitet med handledarutbildning"),
    ("li", "att handledaren alt klinikstudierektor på kliniken och verksamhetschef i samråd med ST-läkaren upprättar en separat skriftlig utbildningsplan (bilaga 1) så att ST-läkaren på effektivaste vis kan nå utbildningsmålen"),
    ("li", "att stå för sammanlagt tio veckors studieledighet med lön för att genomföra vetenskapligt arbete enligt målbeskrivning"),
    ("li", "avsätta utbildningstid i schemat"),
    ("h1", "ST-läkaren åtar sig"),
    ("li", "att ta ansvar för att upprätta en skriftlig utbildningsplan i samråd med handledare. Utbildningsplan fastställs av verksamhetschef."),
    ("li", "att följa den uppgjorda utbildningsplanen"),
    ("h1", "Bedömning av ST-läkarens kompetens"),
    ("p", "Bedömningen bör göras 2 gånger per år enligt överenskomna metoder."),
    ("h1", "Handledning"),
    ("p", "Handledare xx vid kliniken är specialistkompetent läkare med handledarutbildning. Handledarsamtal kommer att ske regelbundet och vara schemalagda på arbetstid enligt utbildningsplanen. Dessa genomförs under i genomsnitt **2 timmar/månad** under hela ST-tiden."),
    ("h1", "Planerings- och utvecklingssamtal samt revidering av utbildningsplan"),
    ("p", "Verksamhetschefen ska inbjuda till årligt planerings- och utvecklingssamtal."),
    ("p", "Specialistexamen (om aktuellt) – XX-kliniken uppmuntrar att ST-läkaren avlägger specialistexamen i specialiteten XX och står för examinationsavgiften."),
    ("p", "Kontraktet signeras efter att en tjänstgörings-/utbildningsplan (bilaga 1) upprättats. Parterna är överens om att tjänstgöringsplanen ska revideras årligen samt vid behov."),
    ("sig", [["Verksamhetschef", "ST-läkare"], ["Handledare", "ST-klinikstudierektor"]], ""),
    ("h1", "Bilaga"),
    ("p", "1. Tjänstgörings-/utbildningsplan"),
]

OREBRO = [
    ("title", "ST – kontrakt"),
    ("p", "Överenskommelse om specialisttjänstgöring i Primärvård."),
    ("table", [
        ["Datum", "________________________________"],
        ["Parter", "ST-läkare ______________________________"],
        ["", "Huvudhandledare__________________________"],
        ["", "Verksamhetschef/vårdcentralschef_____________________"],
        ["", "Studierektor_______________________________"],
    ]),
    ("p", "**Syfte:** Specialisttjänstgöring för att uppnå specialistkompetens i Allmänmedicin enligt Socialstyrelsens föreskrifter SOSFS 2015:18 eller HSLF-FS 2021:8"),
    ("p", "**Anställningsform:** Underläkare (ST) heltid på ________________vårdcentral i Region Örebro län fr. o .m. ___________________________"),
    ("h1", "ST-läkarens ansvar"),
    ("li", "Att ta eget ansvar för sin kompetensutveckling utifrån Socialstyrelsens föreskrifter."),
    ("li", "Att genomgå kurser eller motsvarande teoretiska moment i den omfattning som krävs (kostnad maximalt 130.000 kronor under hela ST)."),
    ("h1", "Verksamhetschefens/vårdcentralschefens ansvar"),
    ("li", "Att ett utbildningsprogram för ST-läkaren upprättas."),
    ("li", "Studietid …… tim/vecka vid heltidsarbete. Studietiden redovisas enligt överenskommelse med handledare."),
    ("h1", "Huvudhandledarens ansvar"),
    ("li", "Att initiera och genomföra regelbundna handledarsamtal enligt överenskommelse med ST-läkaren minst ……/vecka och vid sidotjänstgöring minst\t …… /månad."),
    ("li", "Att medverka vid Mitt-i-ST och examen."),
    ("h1", "Studierektorns ansvar"),
    ("li", "Att delta i upprättande av utbildningsplan."),
    ("p", "Undertecknad förbinder sig dels var för sig, dels gemensamt att innehållet i denna överenskommelse uppfylls."),
    ("sig", [["Ort", "Datum"], ["ST-läkare", "Handledare"], ["Verksamhetschef/vårdcentralschef", "Studierektor"]], "_"),
]

SKANE = [
    ("p", "Region Skåne"),
    ("title", "ST-överenskommelse för ST-läkare i allmänmedicin"),
    ("p", "ST-läkare........................................................................"),
    ("p", "Vårdcentral   ......................................................................"),
    ("p", "Legitimationsdatum .............................................................."),
    ("p", "Tidigare handledd tjänstgöring att tillgodoräkna: ............................................ motsvarande 100 % tjänstgöringsgrad."),
    ("p", "ST-tjänsten påbörjad …………………. och beräknas tidigast vara fullgjord .............................................."),
    ("h1", "Åtagande"),
    ("p", "Specialiseringstjänstgöringen (ST) ska utformas utifrån Socialstyrelsens föreskrifter och allmänna råd samt specialitetsföreningens kompletterande anvisningar. Detta innebär *minst fem års* handledd tjänstgöring på heltid efter legitimation."),
    ("h1", "Ansvarsfördelning"),
    ("p", "**ST-läkaren ska:**"),
    ("li", "fortlöpande dokumentera uppnådd kompetensutveckling."),
    ("li", "under sin ST genomföra ett vetenskapligt arbete."),
    ("p", "**Handledaren ska:**"),
    ("li", "planera och genomföra strukturerad och regelbunden handledning minst en timme/vecka."),
    ("p", "Om inte ST-överenskommelsen följs så kan utbildningsbidraget dras in efter information och samtal med ansvarig chef för Primärvårdens utbildningsenhet."),
    ("sig", [["Ort", "Datum"], ["ST-läkare", "Handledare"], ["Verksamhetschef", "Studierektor"]], "."),
    ("p", "Studierektorer, Primärvårdens utbildningsenhet (PUE) 220829/hf"),
]

CONTRACTS = {"sormland": SORMLAND, "orebro": OREBRO, "skane": SKANE}
