"""Following by email: readers subscribe with their address (confirmed by a link mailed to it),
and each newly published post is mailed to them, with a one-click unsubscribe."""
