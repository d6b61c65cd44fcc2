"""Private: what makes the package fast; proven equal to the reference layer by tests."""
