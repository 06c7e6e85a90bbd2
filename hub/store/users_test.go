package store

import (
	"errors"
	"testing"
)

// TestDeleteUser: a deleted user's tokens stay dead after the name is added
// again; the last admin and an unknown name are refused and change nothing.
func TestDeleteUser(t *testing.T) {
	st := openTest(t, t.TempDir())
	hash, err := HashPassword("a-long-password")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range [][2]string{{"root", RoleAdmin}, {"li", RoleOffice}} {
		if err := st.AddUser(u[0], u[1], hash); err != nil {
			t.Fatal(err)
		}
	}
	tok, err := st.AddUserToken("li")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteUser("li"); err != nil {
		t.Fatal(err)
	}
	if err := st.AddUser("li", RoleAdmin, hash); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Authenticate(tok); !errors.Is(err, ErrNotFound) {
		t.Errorf("old token after the name came back: %v", err)
	}
	if err := st.DeleteUser("nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown name: %v", err)
	}
	if err := st.DeleteUser("li"); err != nil { // one of two admins
		t.Fatal(err)
	}
	if err := st.DeleteUser("root"); !errors.Is(err, ErrLastAdmin) {
		t.Errorf("last admin: %v", err)
	}
	if u, err := st.Users(); err != nil || len(u) != 1 || u[0].Name != "root" {
		t.Errorf("users after the refusal: %+v %v", u, err)
	}
}
