package seed

// Demo accounts (only ever used on throw-away seeded hubs).
const (
	AdminUser     = "zhangwei"
	AdminPassword = "demo-admin-2026"
	OfficeUser    = "lina"
	OfficePass    = "demo-office-2026"
)

// Demo is a small prefecture: eight schools in three districts (one with
// no kiosk yet), nine kiosks (one added but never enrolled, one that only
// ran for three days, so its school shows as "<10"), an admin and an office user, and
// four weeks of plays.
func Demo() Plan {
	middle := map[string]int{"junior": 6, "senior": 3, "adult": 1}
	junior := map[string]int{"junior": 9, "adult": 1}
	primary := map[string]int{"primary": 9, "adult": 1}
	enrolMiddle := map[string]int{"初一": 420, "初二": 410, "初三": 400, "高一": 380, "高二": 360, "高三": 350}
	enrolJunior := map[string]int{"初一": 300, "初二": 290, "初三": 280}
	enrolPrimary := map[string]int{"四年级": 260, "五年级": 250, "六年级": 245}
	return Plan{
		Schools: []School{
			{"JH01", "景洪市第一中学", "景洪市", middle, enrolMiddle},
			{"JH03", "景洪市第三中学", "景洪市", junior, enrolJunior},
			{"JH21", "景洪市嘎洒镇中心小学", "景洪市", primary, enrolPrimary},
			{"MH01", "勐海县第一中学", "勐海县", middle, enrolMiddle},
			{"MH22", "勐海县勐遮镇中心小学", "勐海县", primary, enrolPrimary},
			{"MH31", "勐海县打洛镇中学", "勐海县", junior, enrolJunior},
			{"ML11", "勐腊县实验小学", "勐腊县", primary, enrolPrimary},
			{"ML35", "勐腊县瑶区乡中心小学", "勐腊县", primary, map[string]int{"四年级": 60, "五年级": 58, "六年级": 55}},
		},
		Kiosks: []Kiosk{
			{School: "JH01", Name: "一楼展厅 1 号机", PerDay: 14},
			{School: "JH01", Name: "一楼展厅 2 号机", PerDay: 11},
			{School: "JH03", Name: "图书馆体验区", PerDay: 9},
			{School: "JH21", Name: "多功能厅", PerDay: 8},
			{School: "MH01", Name: "禁毒教育室", PerDay: 10},
			{School: "MH22", Name: "科技活动室", PerDay: 6},
			{School: "ML11", Name: "校史馆展厅", PerDay: 7},
			{School: "ML35", Name: "流动展台", PerDay: 2, Days: 3},
			{School: "MH22", Name: "二号楼大厅(待安装)", Silent: true},
		},
		Users: []User{
			{AdminUser, "admin", AdminPassword},
			{OfficeUser, "office", OfficePass},
		},
		Days: 28,
		Seed: 20261129,
	}
}
