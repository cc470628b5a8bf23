namespace secco {}
