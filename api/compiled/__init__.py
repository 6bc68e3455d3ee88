"""What slow steps made, kept between starts and shared by workers: the compiled cache."""
