package corpus

// Sentence templates and list items the page writers draw on. Placeholders
// are filled by scene.fill. The tables are read-only.

var proseFaculty = []string{
	"{faculty} brings together NHS trusts, primary care, social care, the voluntary sector and universities across {system}.",
	"Our partnership was set up to grow placement capacity for allied health students and to support the {region} workforce plan.",
	"We work as one system, so a student placed in {town} learns alongside colleagues from health, care and education.",
	"The faculty is led by a small core team and a steering group drawn from every partner organisation.",
	"Each year we agree a shared plan with our partners and report progress to the integrated care board.",
	"Much of our work this year focuses on {theme}, where a joined-up approach adds most value.",
	"We publish what we learn so that other faculties can reuse it rather than start from scratch.",
	"Practice educators from across {system} meet every month to share ideas and solve problems together.",
	"Demand for {discipline} placements continues to outstrip supply in {town} and the surrounding villages.",
	"We are especially keen to hear from organisations that have not hosted allied health students before.",
	"Partners contribute staff time, rooms and expertise, and the faculty coordinates the rest.",
	"The faculty also supports {profession} returning to practice after a career break.",
	"Since {year} the number of organisations offering placements through the faculty has grown to {n}.",
	"Our work is shaped by students, service users and carers as well as by employers.",
	"We keep a single view of placement capacity so that universities can plan allocations earlier.",
	"The steering group reviews the faculty's priorities every six months against the system's workforce data.",
}

var proseStudents = []string{
	"Students tell us that the best placements give them real responsibility with the right level of supervision.",
	"You will have a named practice educator who is registered with the relevant regulator.",
	"A placement with {a setting} focus shows how care is delivered beyond a single team.",
	"Many of our placements use peer-assisted learning, so you may share an educator with another student.",
	"We ask every student for feedback at the end of a placement and act on what we hear.",
	"Reasonable adjustments are agreed with you before you start, not after a problem arises.",
	"If anything worries you during the placement, speak to your educator or the faculty team straight away.",
	"Students from every year of study are welcome, although some placements suit final-year students best.",
	"You will spend time with {profession} and with colleagues from other professions in the same service.",
	"Travel within {system} can take a while, so we try to place students close to where they live.",
	"Our induction covers local policies, information governance and how to raise a concern.",
	"Most students finish with a short presentation on something they have learned or improved.",
	"Several of our former students now work for partner organisations in {town}.",
	"Simulation days run alongside some placements to build confidence before working with patients.",
}

var prosePlacement = []string{
	"This placement sits within the {specialty} service run by {partner}.",
	"You will assess and treat people with a wide range of needs, supported by an experienced team.",
	"The team includes {profession}, nurses, support workers and administrative staff.",
	"Caseloads are shared, and you will gradually take on people of your own as your confidence grows.",
	"There is a weekly teaching session and protected time for reflection and reading.",
	"Much of the work takes place in people's homes around {town}, so some travel is involved.",
	"The service works closely with social care, voluntary groups and the local GP practices.",
	"You will take part in multidisciplinary meetings and learn how decisions are shared across a team.",
	"Documentation is electronic, and you will have your own log-in from the first week.",
	"The placement offers a good grounding in {discipline} with {a setting} focus.",
	"Students often join a quality improvement project that the team is running at the time.",
	"We can offer a split placement with a second service if that suits your learning outcomes.",
	"The base is a short walk from the bus station and has free staff parking.",
	"Hours are usually 9 to 5, Monday to Friday, with some flexibility by agreement.",
}

var prosePartner = []string{
	"{partner} provides services to people living in and around {town}.",
	"We employ {profession} and many other allied health professionals across our sites.",
	"Hosting students is part of how we grow our own workforce, and we are proud of our feedback.",
	"Our teams work with {specialty} services, community groups and local schools.",
	"We have hosted allied health students since {year} and now offer around {n} placements a year.",
	"Every student is welcomed by a named educator and a placement coordinator.",
	"We take part in the faculty's shared induction and educator training.",
	"Our staff are encouraged to supervise students as part of their own development.",
	"We are always looking at new placement models, including long-arm and role-emerging placements.",
	"Feedback from universities tells us students value the variety of experience we can offer.",
	"We hold regular open days for students who are thinking about applying for jobs with us.",
	"About {pct} per cent of our newly qualified staff first came to us as students.",
}

var proseChallenge = []string{
	"Before this work started, placement capacity for {profession} in {town} had fallen for three years running.",
	"Teams told us they wanted to host students but did not have the time to organise it.",
	"Waiting lists for {specialty} services were long, and staff morale was low.",
	"Universities could not always find placements in the settings students needed for registration.",
	"Few students had ever seen a placement with {a setting} focus, so few applied for jobs there.",
	"Recruitment was hardest in rural areas, where vacancies stayed open for months.",
	"Educators felt isolated and had little chance to learn from each other.",
	"Information about placements was spread across spreadsheets, emails and notice boards.",
	"Newly qualified staff told us their first year felt like a cliff edge.",
	"There was no shared picture of which organisations could offer what, or when.",
}

var proseAction = []string{
	"We brought together a small working group of educators, managers and students.",
	"The group mapped every team that could host a student, including some that never had before.",
	"We piloted a peer-assisted model with two students sharing one educator.",
	"A shared induction pack saved each team from writing its own.",
	"{person} led the work and met with each team to understand what would help.",
	"We ran three short workshops for new educators, online and in person.",
	"Students co-designed the feedback form so it asked about what mattered to them.",
	"We agreed a simple process with the universities for offering extra capacity at short notice.",
	"Teams in {town} and nearby villages started offering long-arm supervision for the first time.",
	"The faculty funded a part-time coordinator for twelve months.",
	"We tested the approach with {profession} first and then widened it to other professions.",
	"Progress was reviewed every month at the faculty steering group.",
}

var proseImpact = []string{
	"Placement capacity for {profession} rose by {pct} per cent in the first year.",
	"Students rated the new placements highly, and {n} of them have since applied for local jobs.",
	"Educators said they felt better supported and more confident.",
	"Two teams that had never hosted students now take them every term.",
	"The approach is now part of how the faculty works across {system}.",
	"Other faculties in {region} have asked to use our materials.",
	"Waiting times in the {specialty} service fell while students were on placement.",
	"The university reported fewer last-minute cancellations.",
	"We have shared the toolkit so anyone can adapt it.",
	"Staff turnover in the teams involved fell over the following year.",
}

var proseResource = []string{
	"This resource explains how to plan, run and review placements with {a setting} focus.",
	"It was written by educators from across {system} with input from students.",
	"The guidance applies to {profession} and can be adapted for other professions.",
	"Each section ends with questions to discuss with your team.",
	"It reflects current national guidance and the faculty's own experience since {year}.",
	"You can use the templates as they are or adapt them to your service.",
	"The resource links to further reading and to the faculty's other guides.",
	"A short summary at the start helps busy managers decide what to read first.",
	"Examples come from real teams in {town} and elsewhere in {region}.",
	"The material supports the faculty's priority on {theme}.",
	"It is reviewed every year and updated when national guidance changes.",
	"Practice educators told us the checklists were the most useful part.",
}

var proseGeneral = []string{
	"Allied health professionals are the third largest clinical workforce in the NHS.",
	"The 14 allied health professions work across health, social care, education and the voluntary sector.",
	"Faculties help local organisations plan together rather than compete for the same students.",
	"Placement capacity is the main limit on how many allied health students can be trained.",
	"Each faculty decides its own priorities, guided by its system's workforce plan.",
	"Good practice spreads fastest when faculties share what works and what does not.",
	"Students are the future workforce, and their experience on placement shapes where they choose to work.",
	"Support workers, apprentices and returners are as much part of the workforce as new graduates.",
	"Data about vacancies and placements is patchy, so faculties are working to improve it.",
	"Regional teams support faculties and connect them with national programmes.",
}

var quotes = []string{
	"I learned more in six weeks here than I expected to in a whole year.",
	"Having a second student on placement with me made it much less daunting.",
	"The team treated me as a colleague from the first day.",
	"I had never thought about working in {setting} before this placement, and now I want to.",
	"Supervising two students at once sounded hard, but it freed up time for everyone.",
	"It showed me how {discipline} fits into the bigger picture of someone's care.",
}

var placementActivities = []string{
	"assess people referred to the service and agree goals with them",
	"plan and deliver treatment under supervision",
	"run a group session with your educator",
	"write clear records that meet professional standards",
	"take part in multidisciplinary team meetings",
	"visit people at home with a member of the team",
	"contribute to a small quality improvement project",
	"present a case study to the team at the end of the placement",
	"shadow colleagues from other professions for a day",
	"help run a health promotion stand in {town}",
	"review the evidence for one of the team's interventions",
	"use telehealth to follow up people after discharge",
}

var placementRequirements = []string{
	"Enhanced DBS check",
	"Occupational health clearance",
	"Mandatory training completed before the start date",
	"Full driving licence and access to a car",
	"Completed the university's placement preparation module",
	"Basic life support certificate",
	"Willing to work some early or late shifts",
	"Able to travel across {town} and nearby villages",
	"Signed the placement agreement",
}

var partnerOffers = []string{
	"a named practice educator for every student",
	"a half-day induction on the first day",
	"access to the staff library and e-learning",
	"free parking at most sites",
	"a quiet room for study and reflection",
	"regular teaching sessions with the wider team",
	"the chance to join a quality improvement project",
	"support with travel costs for rural sites",
	"opportunities to spend time in other services",
}

var resourceSteps = []string{
	"read the summary and decide which sections apply to your service",
	"discuss the key questions with your team",
	"adapt the templates to your local policies",
	"agree who will lead the work and by when",
	"try the approach with one student or one team first",
	"collect feedback from students and staff",
	"review what happened and share it with the faculty",
}

var resourcePoints = []string{
	"start small and build on what works",
	"involve students from the beginning",
	"agree roles and responsibilities in writing",
	"keep paperwork to the minimum the university needs",
	"plan supervision time into the rota",
	"use peer-assisted learning to increase capacity",
	"record feedback so that you can show the impact",
	"check the guidance every year",
}

var specialties = []string{
	"musculoskeletal outpatients", "stroke rehabilitation", "children's services", "acute medicine",
	"falls prevention", "learning disability", "community mental health", "critical care",
	"frailty", "neurological rehabilitation", "orthopaedics", "early intervention", "oncology",
	"cardiac rehabilitation", "respiratory care", "diabetes", "wound care", "emergency response",
	"day surgery", "eating disorders", "dementia care", "virtual wards", "school health",
	"older people's services", "pain management", "amputee rehabilitation", "public health",
	"hospice care", "sports injuries", "intermediate care",
}

var firstNames = []string{
	"Amara", "Ben", "Chloe", "Dev", "Eleanor", "Farah", "George", "Hannah", "Imran", "Jess",
	"Kofi", "Laura", "Mohammed", "Niamh", "Oliver", "Priya", "Rachel", "Sam", "Tariq", "Uma",
	"Victoria", "Will", "Yasmin", "Zoe", "Aisha", "Callum", "Deepa", "Ewan", "Grace", "Harjit",
	"Isla", "Jamal", "Kirsty", "Liam", "Megan", "Nadia", "Owen", "Rosa", "Sunita", "Tom",
}

var surnames = []string{
	"Adeyemi", "Baker", "Chowdhury", "Davies", "Evans", "Fletcher", "Gill", "Hughes", "Iqbal",
	"Jones", "Kaur", "Lewis", "Mensah", "Nowak", "O'Brien", "Patel", "Quinn", "Roberts", "Shah",
	"Thompson", "Usman", "Vaughan", "Walker", "Young", "Ahmed", "Brown", "Clarke", "Doyle",
	"Edwards", "Foster", "Green", "Hall", "Jackson", "Khan", "Morgan", "Nelson", "Okafor",
}

var roles = []string{
	"Practice Education Lead", "AHP Faculty Lead", "Placement Coordinator", "Clinical Lead",
	"Head of Therapies", "Student Ambassador", "Faculty Programme Manager", "Advanced Practitioner",
}
