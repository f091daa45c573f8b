"""Reading report files (.txt, .docx, .pdf) into text."""
